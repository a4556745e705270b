"""nq57: theo dõi triển khai Nghị quyết 57-NQ/TW cho xã, phường và tỉnh."""

__version__ = "0.1.0"
