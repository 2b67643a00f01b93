xinzhi version
xinzhi version --json
