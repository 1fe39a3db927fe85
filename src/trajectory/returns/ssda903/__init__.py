"""The SSDA903 return (children looked after): its tables, readers and checks."""
