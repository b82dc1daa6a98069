"""The area of caseworkers and administrators."""
