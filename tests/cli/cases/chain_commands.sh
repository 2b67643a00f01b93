# The sample region's chains: list, atlas, gaps, leaders, the firms of a segment, merges.
# tolerance: 1e-9 relative
#   (line 25, the leaders as JSON, prints doubles in full)
# checked: recomputed independently in Python from the tables of src/modules/kg/sample_region.cpp
#   by the documented formulas (engines/atlas/chain_atlas.h, leaders.h): the segment, link and
#   firm counts of lines 1-2; every atlas row of lines 3-18 and 38 (firms, local firms, share,
#   HHI over known provinces, patents, missing/unsettled/weak, coverage 4/7 = 57.1% and 6/7 =
#   85.7%; the share over firms of known place: 示例数据库有限公司 has none, so 数据库 is 1/2 for
#   京津冀 and unsettled, not missing, for 天津); the
#   leader scores and centralities of lines 19-21 and 25. By hand from the same tables: the firm
#   lists of lines 22-24 and 27-31 and the candidate strengths (2 = one segment + one tie, or one
#   segment + log2(1 + 1 patent)). Which candidates are listed, and every order, merge, edit and
#   error is behaviour, regression only.
xinzhi demo seed --db t.db > /dev/null
xinzhi chain list --db t.db
xinzhi chain atlas 信创（示例） --region 天津 --db t.db
xinzhi chain gaps 信创（示例） --region 京津冀 --db t.db
xinzhi chain leaders 新能源汽车（示例） --top 3 --db t.db
xinzhi chain firms 新能源汽车（示例） 动力电池 --region 天津 --db t.db
xinzhi chain leaders 信创（示例） --top 2 --json --db t.db
xinzhi chain merge 新能源汽车（示例） --from 正极材料 --into 动力电池 --db t.db
xinzhi chain firms 新能源汽车（示例） 动力电池 --db t.db
xinzhi chain unmerge 新能源汽车（示例） 正极材料 --db t.db
xinzhi chain atlas 没有这条链 --db t.db; echo "exit $?"
xinzhi chain derive --focus 不存在 --hops 2 --name x --db t.db; echo "exit $?"
xinzhi chain edit 信创（示例） add_firm --segment 数据库 --firm 天津市南开区示例数据库有限公司 --role 研发 --db t.db
xinzhi chain gaps 信创（示例） --region 天津 --db t.db | grep 数据库
xinzhi chain edit 信创（示例） add_link --segment 数据库 --target 无 --db t.db; echo "exit $?"
xinzhi chain edits 信创（示例） --db t.db
