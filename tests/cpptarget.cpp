// Target of the uprobe :cpp: tests: C++ functions in a namespace and a
// class, one of them overloaded, called argv[1] times each.
#include <cstdlib>

namespace shapes {

struct Circle {
	int r;
	__attribute__((noipa)) int area(int scale) const;
	__attribute__((noipa)) static int count(int n);
};

int Circle::area(int scale) const { return 3 * r * r * scale; }
int Circle::count(int n) { return n + 1; }

__attribute__((noipa)) int draw(int x) { return x * 2; }
__attribute__((noipa)) int draw(const char *s) { return s[0]; }

} // namespace shapes

int main(int argc, char **argv)
{
	int n = argc > 1 ? std::atoi(argv[1]) : 1, sum = 0;
	shapes::Circle c = { 2 };
	for (int i = 0; i < n; i++)
		sum += c.area(i) + shapes::Circle::count(i) + shapes::draw(i) + shapes::draw("x");
	return sum == -1;
}
