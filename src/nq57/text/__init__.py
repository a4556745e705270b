"""nq57.text"""
