"""Administration: landlord organisations asking to join, staff accounts, and the
experiment's rules as versioned data."""
