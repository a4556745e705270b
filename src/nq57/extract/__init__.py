"""nq57.extract"""
