# A probe that does not exist.
RC=1
ARGS=(-e 'tracepoint:nosuch:event { @ = count(); }')
