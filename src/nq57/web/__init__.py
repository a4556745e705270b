"""nq57.web"""
