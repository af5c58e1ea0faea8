"""How many tests the Mercury suite has (//mercury/lib/tests:mercury_test): the same on every
architecture. The images' mercury tests expect this many to pass, and mercury_test_count_test
checks that the sources define exactly this many."""

MERCURY_TEST_COUNT = 37
