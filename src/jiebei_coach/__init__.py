"""jiebei-coach: an honest, offline coach for 借呗 users."""

__version__ = "0.1.0"
