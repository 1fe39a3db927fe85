"""DfE's children's social work workforce census (CSWW): the worker file and the vacancy file."""
