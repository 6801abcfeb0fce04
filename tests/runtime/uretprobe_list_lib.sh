# -l with a library name, resolved like the dynamic linker does.
ARGS=(-l 'uretprobe:libc:getpid*')
