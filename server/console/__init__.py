"""The web console of the provincial police: server-rendered pages under /console."""
