"""How many tests each test suite has: the same on every architecture.

The images' tests expect exactly this many to pass, and each suite's count test
(//helios/tests:ktest_count_test, //helios/tests/hostile:hostile_count_test) checks that the
sources of each architecture define exactly this many.
"""

# The kernel test suite (//helios/tests).
KTEST_COUNT = 209

# The hostile suite (//helios/tests/hostile).
HOSTILE_COUNT = 36
