# -l lists the kernel's BPF iterators (those with a bpf_iter__NAME context).
ARGS=(-l 'iter:task*')
