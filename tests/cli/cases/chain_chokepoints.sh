# Chokepoint map and shock simulation on the sample region's chains.
# tolerance: 1e-9 relative
#   (line 21, the shock as JSON, prints doubles in full; everything else is rounded or text)
# checked: lines 1-25 recomputed independently in Python from the tables of
#   src/modules/kg/sample_region.cpp by the documented formulas (modules/chain/chokepoints.h,
#   engines/graph/shock.h): every chokepoint score, firm, local-firm and dominated-segment count
#   (networkx betweenness and immediate dominators), and the three shocks (DebtRank with equal
#   input shares; for 正极材料 by hand: 1 + 1 + 1/4 + 1/8 = 2.375). All agree to the printed
#   digits, line 21 to the last bit. 新能源汽车 has no known firm: not scored, listed as a data gap
#   (lines 11-12; it ranked first at 0.688 before data gaps were told apart). The driver lists are
#   regression only (chain_service_test checks on ICKG25 that every row is explained and that a
#   removed dominator cuts off what it dominates). Lines 26-29 are behaviour (messages, exit codes).
xinzhi demo seed --db t.db > /dev/null
xinzhi chain chokepoints 新能源汽车（示例） --region 天津 --db t.db
xinzhi chain chokepoints 信创（示例） --weight dominance=1 --weight concentration=0 --db t.db | head -3
xinzhi chain shock 新能源汽车（示例） --remove 正极材料 --db t.db
xinzhi chain shock 新能源汽车（示例） --region 北京 --json --db t.db
xinzhi chain shock 新能源汽车（示例） --enterprise 天津滨海示例锂电科技有限公司 --db t.db
xinzhi chain shock 新能源汽车（示例） --db t.db; echo "exit $?"
xinzhi chain chokepoints 信创（示例） --weight speed=2 --db t.db; echo "exit $?"
