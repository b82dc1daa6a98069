from portal import create_app
from portal.config import Settings

app = create_app(Settings.from_env())
