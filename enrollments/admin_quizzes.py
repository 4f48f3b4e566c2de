"""Wagtail admin screens: quizzes (registered from wagtail_hooks.py)."""
