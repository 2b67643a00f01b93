# Organisations, accounts (passwords from stdin), tokens, the audit trail and its tamper check.
# tolerance: exact
# checked: behaviour (messages, exit codes, refusals, the audit trail and its tamper check); no
#   computed numbers. The counts by hand from the commands above: line 31 (3) = the two
#   account.add and one account.disable of lines 26-28; line 39 (10 entries) = the 7 entries of
#   lines 24-30 plus demo seed's import.kg and two chain.create (lines 32-34).
#   Lines 35-38: the CSV export holds the same three account entries, newest first, as lines
#   26-28 listed them (seq 3, 4, 5), under its header and byte-order mark. Lines 42-45 are
#   the head of the access matrix as the binary prints it (docs_access_current holds
#   docs/access.md to the same output: consistency, not an independent check).
xinzhi org add --name "天津市科学技术局" --kind bureau --region 天津市 --db x.db
xinzhi org add --name "企业甲'; DROP TABLE account;--" --kind enterprise --db x.db
xinzhi org add --name 某部 --kind ministry --db x.db; echo "exit $?"
xinzhi org list --db x.db
echo "analyst-password" | xinzhi user add alice --org 天津市科学技术局 --role analyst --display-name 爱丽丝 --db x.db
echo "short" | xinzhi user add bob --org 1 --role analyst --db x.db; echo "exit $?"
echo "enterprise-password" | xinzhi user add carol --org 2 --role analyst --db x.db; echo "exit $?"
echo "enterprise-password" | xinzhi user add carol --org 2 --role enterprise --db x.db
xinzhi user add dave --org 1 --role viewer --db x.db < /dev/null; echo "exit $?"
xinzhi user list --db x.db
xinzhi user disable carol --db x.db
xinzhi user list --db x.db | grep carol
xinzhi token add --user alice --name nightly --role enterprise --db x.db; echo "exit $?"
xinzhi token add --user alice --name nightly --role viewer --db x.db | head -1
xinzhi token list --db x.db
xinzhi token revoke 1 --db x.db
xinzhi audit list --db x.db | cut -d' ' -f1,5- | sed 's/cli:[^ ]*/cli:USER/; s/"expires_epoch":[0-9]*/"expires_epoch":N/'
xinzhi audit list --action account. --json --db x.db | grep -c '"action"'
xinzhi demo seed --db x.db > /dev/null
xinzhi audit list --action import. --db x.db | cut -d' ' -f6-7
xinzhi audit list --action chain. --db x.db | cut -d' ' -f6-7
xinzhi audit export --action account. --db x.db | cut -d, -f1,4,6-8 | sed 's/cli:[^,]*/cli:USER/'
xinzhi audit verify --db x.db | cut -c1-36
sqlite3 x.db "UPDATE audit_entry SET detail = '{\"role\":\"admin\"}' WHERE seq = 4"
xinzhi audit verify --db x.db 2>&1 | sed 's/ (account.add by .*//'; echo "exit ${PIPESTATUS[0]}"
xinzhi access --markdown | head -4
