"""How many tests the kernel test suite has: the same on every architecture.

The images' ktest tests expect exactly this many to pass, and //helios/tests:ktest_count_test
checks that the sources of each architecture define exactly this many.
"""

KTEST_COUNT = 202
