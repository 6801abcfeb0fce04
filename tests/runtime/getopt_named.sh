# getopt(): named parameters after "--", typed by their defaults (a bool
# without one), positional ones beside them; bpftrace's own example
# (newer bpftrace; expected output written from its documentation).
ARGS=(-e 'BEGIN { print((getopt("aa", 10, "Description of aa"), getopt("bb", "hello"), getopt("cc"), getopt("dd", false), getopt("ee", 5))); printf("%s %d\n", str($1), $#); exit(); }' pos -- --cc --bb=bye --aa=0x20)
