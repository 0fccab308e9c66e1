"""The genre as data: what a book's levels and conventions are (profile.py), shipped as YAML beside this file
(nianjian.yaml, zhi.yaml) and extended per book in site.yaml."""

from site_gen.yearbook.profiles.profile import Profile, load_profile

__all__ = ["Profile", "load_profile"]
