"""What the server does, independent of HTTP and the command line; raises `ServerError`."""
