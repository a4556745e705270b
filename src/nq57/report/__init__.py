"""nq57.report"""
