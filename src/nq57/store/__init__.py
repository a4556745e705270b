"""nq57.store"""
