# Chokepoint map and shock simulation on the sample region's chains.
xinzhi demo seed --db t.db > /dev/null
xinzhi chain chokepoints 新能源汽车（示例） --region 天津 --db t.db
xinzhi chain chokepoints 信创（示例） --weight dominance=1 --weight concentration=0 --db t.db | head -3
xinzhi chain shock 新能源汽车（示例） --remove 正极材料 --db t.db
xinzhi chain shock 新能源汽车（示例） --region 北京 --json --db t.db
xinzhi chain shock 新能源汽车（示例） --enterprise 天津滨海示例锂电科技有限公司 --db t.db
xinzhi chain shock 新能源汽车（示例） --db t.db; echo "exit $?"
xinzhi chain chokepoints 信创（示例） --weight speed=2 --db t.db; echo "exit $?"
