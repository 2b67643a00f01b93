# Stored input-output tables and chain segments read as their sectors (产业关联 on the atlas):
# no table yet (every segment missing, not an error), an import, the same name twice and a
# table that is not productive (nothing stored), mappings (one to an unknown segment and one to an unknown sector refused), the
# linkages of the sample chain with its unmapped segments shown as missing.
# tolerance: 1e-9 relative
# checked: Miller & Blair (2009) §2.3 by hand: L = [[.95, .25], [.20, .85]] / .7575, so the
#   output multipliers are 1.15/.7575 = 1.5182 (Agriculture) and 1.10/.7575 = 1.4521
#   (Manufacturing); backward linkages m/mean(m) = 1.0222 and 0.9778; forward linkages from the
#   Ghosh inverse x̂⁻¹Lx̂ (rows 1.2541+0.6601 = 1.9142 and 0.1320+1.1221 = 1.2541, over their
#   mean 1.5842: 1.2083 and 0.7917). The rest is behaviour.
xinzhi demo seed --db s.db > /dev/null
xinzhi io linkages --chain 信创（示例） --db s.db
xinzhi io import --table fixtures/io/miller_blair.csv --name MB --db s.db
xinzhi io import --table fixtures/io/miller_blair.csv --name MB --db s.db; echo "exit $?"
xinzhi io import --table fixtures/io/not_productive.csv --name bad --db s.db; echo "exit $?"
xinzhi io tables --db s.db
xinzhi io map --chain 新能源汽车（示例） --segment 整车制造 --table MB --sector Manufacturing --db s.db
xinzhi io map --chain 新能源汽车（示例） --segment 锂矿资源 --sector Agriculture --db s.db
xinzhi io map --chain 新能源汽车（示例） --segment 无此环节 --sector Agriculture --db s.db; echo "exit $?"
xinzhi io map --chain 新能源汽车（示例） --segment 整车制造 --sector Fishing --db s.db; echo "exit $?"
xinzhi io linkages --chain 新能源汽车（示例） --db s.db
