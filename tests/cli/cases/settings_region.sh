# The home region: defaults, a known group, a named group of provinces, refusals (exit 2),
# and the atlas of the sample chain drawn for the configured region.
# tolerance: exact
# checked: line 11 by hand from src/modules/kg/sample_region.cpp: of 信创's 9 firms only
#   廊坊示例数据中心 is in 河北省, covering 1 of 7 segments (14.3%); line 12's group counts for
#   CPU芯片 (one firm, in 北京市) likewise. The rest is behaviour (settings, refusals, exit codes,
#   audit entries).
xinzhi demo seed --db x.db > /dev/null
xinzhi settings region --db x.db
xinzhi settings region --db x.db --focal 重庆 --group 成渝 --json
xinzhi settings region --db x.db --focal 陕西 --group 关中平原 --provinces 陕西,甘肃
xinzhi settings region --db x.db --focal 火星 --group 京津冀; echo "exit $?"
xinzhi settings region --db x.db --focal 上海 --group 京津冀; echo "exit $?"
xinzhi settings region --db x.db --focal 天津; echo "exit $?"
xinzhi settings region --db x.db --focal 河北 --group 京津冀
xinzhi chain atlas 信创（示例） --db x.db | head -1
xinzhi chain atlas 信创（示例） --db x.db --json | /usr/bin/python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["home"], a["region"]["partners"], a["segments"][0]["group_counts"])'
sqlite3 x.db "SELECT action, target_id FROM audit_entry WHERE action = 'settings.region'"
