def register_kinds():
    return None
