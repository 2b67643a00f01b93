# xinzhi engineers: the sample engineers and requests, a dispatch round (each proposal's score
# = 0.5 skills + 0.3 segment + 0.2 distance, assigned by min-cost flow within capacities), an
# answer of each kind, hours, the load by month, and bad input refused.
# checked: scores by hand in tests/modules/engineers/engineer_desk_test.cpp (PartsByHand); the
#   round's optimum by engines/assign's tests (exhaustive search, scipy's LP on MIDL).
xinzhi demo seed --db x.db > /dev/null
xinzhi demo engineers --db x.db --month 2026-12
xinzhi demo engineers --db x.db --month 2026-12
xinzhi engineers list --db x.db
xinzhi engineers requests --db x.db
xinzhi engineers dispatch --month 2026-12 --db x.db
xinzhi engineers respond 1 decline --reason too_far --db x.db
xinzhi engineers respond 2 accept --db x.db
xinzhi engineers report 2 --hours 16 --outcome 完成快充模块可靠性测试方案 --db x.db
xinzhi engineers dispatch --month 2026-12 --db x.db
xinzhi engineers load --from 2026-12 --to 2026-12 --db x.db
# Bad input: an answer twice, a decline without a reason, a month that is not one, a segment
# the chain does not have, hours for work not accepted.
xinzhi engineers respond 2 accept --db x.db; echo "exit $?"
xinzhi engineers respond 3 decline --db x.db; echo "exit $?"
xinzhi engineers dispatch --month 2026-13 --db x.db; echo "exit $?"
xinzhi engineers request --firm 甲 --problem 乙 --month 2026-12 --chain 新能源汽车（示例） --segment 火星 --db x.db; echo "exit $?"
xinzhi engineers report 3 --hours 5 --outcome x --db x.db; echo "exit $?"
xinzhi engineers add --name 测试工程师 --skills 焊接 --months 2026-12=x --db x.db; echo "exit $?"
