"""Wagtail admin screens: learners (registered from wagtail_hooks.py)."""
