"""DfE's children in need (CIN) census: its XML schema as data, a streaming reader, and the
peer-made CSV tables read into the same tables."""
