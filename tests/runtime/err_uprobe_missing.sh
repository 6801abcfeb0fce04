# A uprobe on a binary that does not exist.
# Hand-written expected output: bpftrace's messages differ.
RC=1
ARGS=(-e 'uprobe:/nonexistent/bin:main { @ = count(); }')
