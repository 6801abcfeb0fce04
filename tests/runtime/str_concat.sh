# str_concat() (bpftrace 0.27's standard library): the usage example of
# bpftrace's pull request #5265, which added it, with the text it shows;
# a concatenation that fills its string, and one of an empty string.
ARGS=(-e 'BEGIN { $new = str_concat("hello", " world"); $new = str_concat($new, "!!!"); $new = str_concat("INFO: ", $new); printf("%s\n", $new); $c = str_concat(comm, "|"); printf("%s %d\n", $c, strlen($c) == strlen(comm) + 1); printf("[%s]\n", str_concat("", "")); @[str_concat("a", "b")] = count(); exit(); }')
