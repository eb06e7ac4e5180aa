#include "solver/run/KpiCatalogue.h"

#include "solver/Error.h"

namespace heatnet {

namespace {
using B = KpiBetter;

// Reading order: demand, supply, losses and electricity, climate, checks of the run, money.
const std::vector<KpiDefinition> catalogue = {
    // --- demand
    {"heat_demand", "MWh", "demand", B::Neither, "Heat demand", "Besoin de chaleur",
     "heat the buildings asked for", "chaleur demandée par les bâtiments"},
    {"heat_delivered", "MWh", "demand", B::Neither, "Heat delivered", "Chaleur livrée",
     "heat the substations delivered", "chaleur livrée par les sous-stations"},
    {"heat_density", "MWh/(m a)", "demand", B::Higher, "Heat density", "Densité thermique",
     "heat delivered per metre of trench and per year",
     "chaleur livrée par mètre de tranchée et par an"},
    {"unmet_heat", "MWh", "demand", B::Lower, "Unmet heat", "Chaleur non fournie",
     "heat asked for but not delivered", "chaleur demandée mais non livrée"},
    {"unmet_hours", "h", "demand", B::Lower, "Hours with unmet heat", "Heures de manque",
     "hours with more than 0.5 % of the demand unmet",
     "heures où plus de 0,5 % du besoin n'est pas couvert"},
    {"low_supply_hours", "h", "demand", B::Lower, "Hours too cold at a substation",
     "Heures trop froides en sous-station",
     "hours with a substation supplied below its minimum supply temperature",
     "heures où une sous-station reçoit l'eau sous sa température minimale"},
    // --- supply
    {"heat_from_sources", "MWh", "supply", B::Neither, "Heat produced", "Chaleur produite",
     "heat put into the network", "chaleur injectée dans le réseau"},
    {"waste_heat", "MWh", "supply", B::Higher, "Recovered waste heat", "Chaleur fatale récupérée",
     "recovered industrial waste heat (heat pumps: less their electricity)",
     "chaleur fatale industrielle récupérée (pompes à chaleur : hors leur électricité)"},
    {"waste_heat_share", "%", "supply", B::Higher, "Share of recovered heat (EnR&R)",
     "Taux de chaleur récupérée (EnR&R)",
     "EnR&R share: waste heat / heat into the network (= share of heat delivered)",
     "taux EnR&R : chaleur fatale / chaleur injectée dans le réseau"},
    {"waste_heat_over_delivered", "%", "supply", B::Higher, "Recovered heat / heat delivered",
     "Chaleur récupérée / chaleur livrée",
     "waste heat / heat delivered (it also covers pipe losses)",
     "chaleur fatale / chaleur livrée (elle couvre aussi les pertes)"},
    {"backup_heat", "MWh", "supply", B::Lower, "Heat from boilers", "Chaleur des chaudières",
     "heat from fuel boilers", "chaleur produite par les chaudières à combustible"},
    {"backup_hours", "h", "supply", B::Lower, "Hours on backup boilers",
     "Heures sur chaudières d'appoint", "hours the most-used fuel boiler ran",
     "heures de marche de la chaudière la plus utilisée"},
    {"gas_fuel", "MWh", "supply", B::Lower, "Gas burnt", "Gaz brûlé",
     "gas burnt (lower heating value)", "gaz brûlé (pouvoir calorifique inférieur)"},
    {"biomass_fuel", "MWh", "supply", B::Neither, "Biomass burnt", "Biomasse brûlée",
     "biomass burnt (lower heating value)", "biomasse brûlée (pouvoir calorifique inférieur)"},
    {"full_load_hours_{}", "h", "supply", B::Neither, "Full-load hours of {}",
     "Heures équivalentes pleine puissance de {}", "full-load hours of {}: its heat / its capacity",
     "heures équivalentes pleine puissance de {} : sa chaleur / sa puissance"},
    {"storage_charged", "MWh", "supply", B::Neither, "Heat put into storage", "Chaleur stockée",
     "surplus waste heat put into the storage tanks", "chaleur fatale excédentaire mise en stock"},
    {"storage_discharged", "MWh", "supply", B::Higher, "Heat from storage", "Chaleur déstockée",
     "heat the storage tanks gave to the network", "chaleur rendue au réseau par les stockages"},
    {"storage_losses", "MWh", "supply", B::Lower, "Storage losses", "Pertes du stockage",
     "heat lost by the storage tanks to ambient", "chaleur perdue par les stockages"},
    {"storage_cycles", "1", "supply", B::Neither, "Storage cycles", "Cycles du stockage",
     "equivalent full cycles: heat discharged / heat between empty and full tanks",
     "cycles complets équivalents : chaleur déstockée / capacité du stockage"},
    // --- losses and electricity
    {"pipe_losses", "MWh", "losses", B::Lower, "Pipe losses", "Pertes des réseaux",
     "heat lost from the pipes", "chaleur perdue par les canalisations"},
    {"pipe_losses_share", "%", "losses", B::Lower, "Pipe losses (share)",
     "Pertes des réseaux (part)", "pipe losses as a share of the heat put into the network",
     "pertes des canalisations en part de la chaleur injectée"},
    {"heat_pump_electricity", "MWh", "losses", B::Lower, "Heat-pump electricity",
     "Électricité des pompes à chaleur", "electricity of the heat pumps (sources)",
     "électricité consommée par les pompes à chaleur"},
    {"pump_electricity", "MWh", "losses", B::Lower, "Pumping electricity", "Électricité de pompage",
     "electricity of the network pumps", "électricité des pompes de circulation du réseau"},
    // --- climate
    {"co2_emitted", "t", "climate", B::Lower, "CO2 emitted", "CO2 émis",
     "CO2 from fuel and electricity", "CO2 du combustible et de l'électricité"},
    {"co2_reference", "t", "climate", B::Neither, "CO2 with individual gas boilers",
     "CO2 avec des chaudières gaz individuelles",
     "CO2 if the same heat came from individual gas boilers",
     "CO2 si la même chaleur venait de chaudières gaz individuelles"},
    {"co2_avoided", "t", "climate", B::Higher, "CO2 avoided", "CO2 évité",
     "CO2 avoided against the reference", "CO2 évité par rapport aux chaudières gaz individuelles"},
    {"co2_per_mwh", "kg/MWh", "climate", B::Lower, "CO2 content of the heat",
     "Contenu CO2 de la chaleur", "CO2 per MWh delivered", "CO2 par MWh livré"},
    // --- checks of the run
    {"energy_balance_residual", "MWh", "checks", B::Neither, "Energy balance residual",
     "Résidu du bilan d'énergie",
     "sources − delivered − losses − change of stored heat (should be ~0)",
     "production − livraison − pertes − variation du stock (doit être ~0)"},
    {"energy_balance_residual_relative", "%", "checks", B::Neither,
     "Energy balance residual (share)", "Résidu du bilan d'énergie (part)",
     "|residual| as a share of the heat delivered", "|résidu| en part de la chaleur livrée"},
    {"stored_heat_change", "MWh", "checks", B::Neither, "Change of heat in the pipes",
     "Variation de la chaleur dans le réseau",
     "change of heat stored in the network water and walls",
     "variation de la chaleur contenue dans l'eau et les parois du réseau"},
    {"simulated_years", "a", "checks", B::Neither, "Simulated period", "Période simulée",
     "length of the simulated period", "durée de la période simulée"},
    {"warnings", "1", "checks", B::Lower, "Warnings", "Avertissements",
     "implausible design or results: warnings of the run (listed under /warnings)",
     "conception ou résultats invraisemblables : avertissements du calcul (liste sous /warnings)"},
    // --- money
    {"energy_cost", "kEUR", "money", B::Lower, "Energy bought", "Énergie achetée",
     "fuel, electricity and waste heat bought over the period",
     "combustible, électricité et chaleur fatale achetés sur la période"},
    {"energy_cost_per_mwh", "EUR/MWh", "money", B::Lower, "Energy cost per MWh",
     "Coût de l'énergie par MWh", "fuel, electricity and waste heat bought, per MWh delivered",
     "combustible, électricité et chaleur fatale achetés, par MWh livré"},
    {"pipe_capital", "kEUR", "money", B::Lower, "Pipe investment", "Investissement réseau",
     "pipe investment: length x cost per metre",
     "investissement des canalisations : longueur × coût au mètre"},
    {"plant_capital", "kEUR", "money", B::Lower, "Plant investment", "Investissement production",
     "source investment: capacity x capital cost per kW",
     "investissement des moyens de production : puissance × coût au kW"},
    {"storage_capital", "kEUR", "money", B::Lower, "Storage investment", "Investissement stockage",
     "storage tank investment: volume x cost per m3",
     "investissement des stockages : volume × coût au m³"},
    {"capital_annuity", "kEUR/a", "money", B::Lower, "Yearly capital annuity",
     "Annuité d'investissement", "yearly annuity of the pipe, plant and storage investment",
     "annuité annuelle de l'investissement réseau, production et stockage"},
    {"capital_cost_per_mwh", "EUR/MWh", "money", B::Lower, "Capital cost per MWh",
     "Coût du capital par MWh", "capital annuities over the period per MWh delivered",
     "annuités d'investissement de la période par MWh livré"},
    {"heat_cost_per_mwh", "EUR/MWh", "money", B::Lower, "Cost of heat", "Coût de la chaleur",
     "cost of heat: capital annuities plus energy bought, per MWh delivered",
     "coût de la chaleur : annuités d'investissement et énergie achetée, par MWh livré"},
};

constexpr std::string_view placeholder = "{}";

std::string fill(std::string_view text, std::string_view value) {
    std::string out(text);
    const auto at = out.find(placeholder);
    if (at != std::string::npos) {
        out.replace(at, placeholder.size(), value);
    }
    return out;
}

KpiText resolve(const KpiDefinition& d, std::string_view value, std::size_t order) {
    KpiText t;
    t.id = fill(d.id, value);
    t.unit = d.unit;
    t.section = d.section;
    t.better = d.better;
    t.labelEn = fill(d.labelEn, value);
    t.labelFr = fill(d.labelFr, value);
    t.sentenceEn = fill(d.sentenceEn, value);
    t.sentenceFr = fill(d.sentenceFr, value);
    t.order = order;
    return t;
}
} // namespace

const std::string& KpiText::label(Language language) const {
    return language == Language::French ? labelFr : labelEn;
}

const std::string& KpiText::sentence(Language language) const {
    return language == Language::French ? sentenceFr : sentenceEn;
}

const std::vector<KpiDefinition>& kpiCatalogue() {
    return catalogue;
}

std::optional<KpiText> findKpi(std::string_view id) {
    for (std::size_t i = 0; i < catalogue.size(); ++i) {
        const std::string_view pattern = catalogue[i].id;
        const auto at = pattern.find(placeholder);
        if (at == std::string_view::npos) {
            if (pattern == id) {
                return resolve(catalogue[i], "", i);
            }
            continue;
        }
        const std::string_view prefix = pattern.substr(0, at);
        if (id.size() > prefix.size() && id.substr(0, prefix.size()) == prefix) {
            return resolve(catalogue[i], id.substr(prefix.size()), i);
        }
    }
    return std::nullopt;
}

KpiText kpiText(std::string_view id) {
    auto text = findKpi(id);
    if (!text) {
        throw Error("KPI '" + std::string(id) + "' is not in the KPI catalogue");
    }
    return *text;
}

} // namespace heatnet
