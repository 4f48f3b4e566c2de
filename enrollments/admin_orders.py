"""Wagtail admin screens: orders (registered from wagtail_hooks.py)."""
