"""`base` is the settings module for every environment; `test` adjusts it for the suite."""
