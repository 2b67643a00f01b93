# Shenwan industries and listed companies (chainkg) as a knowledge-graph source, a chain
# derived from it, the same import again (nothing added), and a malformed file.
# tolerance: exact
# checked: by hand from fixtures/chainkg-mini: 5 industries; 2 parent links; of the 2 upstream
#   links 1 is seen twice (输变电设备 → 锂电池) and kept, 果蔬加工 (seen once) is dropped, so no
#   sixth industry; 3 companies (赣锋锂业 placed in 江西省 by its registered name, 比亚迪 and
#   特变电工 named by registered names without a place); 3 company industries stored, 1 naming a
#   company code (300750, 宁德时代) company.json lacks. Entities 5 + 3, relations 2 + 1 + 3. The
#   derived chain has 锂电池 and 输变电设备 (one hop upstream) with 2 and 1 firms. The bad file's
#   message names industry_up.json line 2.
xinzhi import chainkg fixtures/chainkg-mini --db t.db
xinzhi chain derive --focus 锂电池 --hops 1 --name 锂电池（申万） --db t.db
xinzhi chain firms 锂电池（申万） 锂电池 --region 江西 --db t.db
xinzhi import chainkg fixtures/chainkg-mini --db t.db --json | grep -A3 '"added"'
xinzhi import chainkg fixtures/chainkg-bad --db u.db; echo "exit $?"
