"""nq57.track"""
