"""nq57.domain"""
