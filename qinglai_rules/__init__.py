"""qinglai: legality review of Chinese government policies, contracts and minutes (清赖行动)."""

__version__ = "0.1.0"
