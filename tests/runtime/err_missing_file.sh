# A script file that does not exist.
RC=1
ARGS=(/nonexistent/script.bt)
