/* cgroup id -> path, as printed for bpftrace's cgroup_path(id[, filter]).
 *
 * The id is what bpf_get_current_cgroup_id() returns: on cgroup2 the inode
 * number of the cgroup's directory. Every cgroup hierarchy mounted (per
 * /proc/self/mounts) is searched for an entry with that inode number;
 * see the comment at the top of cgroups.c for the exact rules and text.
 */
#ifndef BPFKIT_CGROUPS_H
#define BPFKIT_CGROUPS_H

#include <stddef.h>
#include <stdint.h>

/* Writes the text bpftrace prints for cgroup_path(id, filter) into out:
 * "unified:/a/b" or several "name:path" joined by ",", or "" when no
 * hierarchy (among those whose name matches filter) has the id.
 * filter is a '*' wildcard on hierarchy names; NULL means "*".
 * Returns 0, -EINVAL (out NULL or len 0), -ERANGE (text did not fit; out
 * holds as much as fits), -ENOMEM, or -errno when /proc/self/mounts
 * cannot be read. */
int cgroup_path_format(uint64_t id, const char *filter, char *out, size_t len);

#endif
