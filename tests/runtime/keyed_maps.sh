# Keys of every kind; entries print sorted by value.
ARGS=(-e 'BEGIN { @i[1] = 10; @i[-2] = 5; @i[3] = 7; @s["b"] = 2; @s["a"] = 1; @t["x", 2] = 9; @t["y", 1] = 8; @v = 42; @str = "hello"; @tup = (1, "two"); exit(); }')
