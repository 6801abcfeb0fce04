# -l of hardware events, with a glob and the alias.
# Hand-written expected output (see software_list).
ARGS=(-l 'h:*cycles')
