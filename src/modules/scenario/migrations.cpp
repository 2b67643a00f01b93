#include "modules/scenario/scenario_partners.h"

namespace xinzhi::scenario {

std::vector<store::Migration> migrations() {
  return {{"scenario", 1, "scenario lists, scenarios, indicators, experts, applications, judgements, scores",
           "CREATE TABLE scenario_list ("
           " id INTEGER PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
           " org_id INTEGER NOT NULL REFERENCES organisation(id),"
           " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','closed')),"
           " published_at TEXT NOT NULL DEFAULT '',"
           " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
           "CREATE TABLE scenario ("
           " id INTEGER PRIMARY KEY, list_id INTEGER NOT NULL REFERENCES scenario_list(id), title TEXT NOT NULL,"
           " field TEXT NOT NULL DEFAULT '', owner_org_id INTEGER NOT NULL REFERENCES organisation(id),"
           " location TEXT NOT NULL DEFAULT '', needs TEXT NOT NULL DEFAULT '', budget REAL NOT NULL DEFAULT 0,"
           " deadline TEXT NOT NULL DEFAULT '',"
           " stage TEXT NOT NULL DEFAULT '征集' CHECK (stage IN ('征集','评估','首试首用','推广','终止')),"
           " weighting TEXT NOT NULL DEFAULT 'combined' CHECK (weighting IN ('ahp','entropy','combined')),"
           " ranking TEXT NOT NULL DEFAULT 'topsis' CHECK (ranking IN ('topsis','fce')),"
           " decision TEXT NOT NULL DEFAULT '', decided_application INTEGER NOT NULL DEFAULT 0,"
           " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
           "CREATE INDEX scenario_by_list ON scenario(list_id);"
           "CREATE TABLE scenario_indicator ("
           " id INTEGER PRIMARY KEY, scenario_id INTEGER NOT NULL REFERENCES scenario(id),"
           " parent_id INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
           " position INTEGER NOT NULL, UNIQUE (scenario_id, parent_id, name));"
           "CREATE TABLE scenario_expert ("
           " scenario_id INTEGER NOT NULL REFERENCES scenario(id), account_id INTEGER NOT NULL REFERENCES account(id),"
           " PRIMARY KEY (scenario_id, account_id));"
           "CREATE TABLE scenario_application ("
           " id INTEGER PRIMARY KEY, scenario_id INTEGER NOT NULL REFERENCES scenario(id),"
           " org_id INTEGER NOT NULL REFERENCES organisation(id), solution TEXT NOT NULL, evidence TEXT NOT NULL DEFAULT '',"
           " trl INTEGER NOT NULL CHECK (trl BETWEEN 1 AND 9),"
           " submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), UNIQUE (scenario_id, org_id));"
           "CREATE TABLE scenario_judgement ("
           " scenario_id INTEGER NOT NULL REFERENCES scenario(id), account_id INTEGER NOT NULL REFERENCES account(id),"
           " parent_id INTEGER NOT NULL, matrix TEXT NOT NULL, PRIMARY KEY (scenario_id, account_id, parent_id));"
           "CREATE TABLE scenario_score ("
           " application_id INTEGER NOT NULL REFERENCES scenario_application(id),"
           " account_id INTEGER NOT NULL REFERENCES account(id),"
           " indicator_id INTEGER NOT NULL REFERENCES scenario_indicator(id),"
           " score REAL NOT NULL CHECK (score BETWEEN 0 AND 100), PRIMARY KEY (application_id, account_id, indicator_id));"
           "CREATE TABLE scenario_event ("
           " id INTEGER PRIMARY KEY, scenario_id INTEGER NOT NULL REFERENCES scenario(id),"
           " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')), stage_from TEXT NOT NULL,"
           " stage_to TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', account TEXT NOT NULL);"}};
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& standard_indicators() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> tree = {
      {"技术成熟度", {"技术就绪水平", "验证与可靠性", "自主可控程度"}},
      {"商业模式适配度", {"需求匹配度", "成本效益", "可复制推广性"}},
      {"社会效益贡献度", {"产业带动与就业", "安全与绿色", "公共服务提升"}},
  };
  return tree;
}

}  // namespace xinzhi::scenario
