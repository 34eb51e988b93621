#include "data/builtin_datasets.h"

#include "data/load_error.h"
#include "data/sprites_generator.h"
#include "data/toy_tables.h"

#include <algorithm>

namespace vae {
namespace {

struct Builtin {
    BuiltinInfo info;
    std::size_t max_rows; // keeps a typo in --rows from asking for tens of gigabytes
    Dataset (*make)(std::size_t rows, const LoadOptions& options);
};

const std::vector<Builtin>& catalogue() {
    static const std::vector<Builtin> sets = {
        {{"sprites",
          "28x28 grayscale shapes (square, ellipse, triangle, heart) with known scale, "
          "rotation and position, like dSprites",
          20000},
         250000,
         [](std::size_t rows, const LoadOptions& o) {
             return make_sprites(rows, o.seed, o.progress);
         }},
        {{"moons", "two interleaving half circles in 2-D, 2 classes", 2000},
         10000000,
         [](std::size_t rows, const LoadOptions& o) { return make_moons(rows, o.seed); }},
        {{"rings", "three concentric rings of radius 1, 2, 3 in 2-D, 3 classes", 3000},
         10000000,
         [](std::size_t rows, const LoadOptions& o) { return make_rings(rows, o.seed); }},
        {{"moons10d", "the moons embedded in 10-D by a fixed random rotation, plus noise", 2000},
         2000000,
         [](std::size_t rows, const LoadOptions& o) {
             return embed_toy_table(make_moons(rows, o.seed), o.seed);
         }},
        {{"rings10d", "the rings embedded in 10-D by a fixed random rotation, plus noise", 3000},
         2000000,
         [](std::size_t rows, const LoadOptions& o) {
             return embed_toy_table(make_rings(rows, o.seed), o.seed);
         }},
    };
    return sets;
}

std::string available_names() {
    std::string names;
    for (const auto& set : catalogue()) {
        if (!names.empty())
            names += ", ";
        names += set.info.name;
    }
    return names;
}

} // namespace

std::vector<BuiltinInfo> builtin_datasets() {
    std::vector<BuiltinInfo> infos;
    for (const auto& set : catalogue())
        infos.push_back(set.info);
    return infos;
}

bool is_builtin_source(std::string_view source) {
    return source.starts_with(kBuiltinPrefix);
}

Dataset make_builtin(const std::string& name, const LoadOptions& options) {
    const std::string source = std::string(kBuiltinPrefix) + name;
    const auto it = std::find_if(catalogue().begin(), catalogue().end(),
                                 [&](const Builtin& set) { return set.info.name == name; });
    if (it == catalogue().end())
        throw DataError({source}, "there is no built-in dataset named '" + name + "'",
                        "available: " + available_names());
    std::size_t rows = options.builtin_rows > 0 ? options.builtin_rows : it->info.default_rows;
    if (options.limit > 0)
        rows = std::min(rows, options.limit);
    if (rows > it->max_rows)
        throw DataError({source},
                        std::to_string(rows) + " rows were asked for; " + name + " makes at most " +
                            std::to_string(it->max_rows),
                        "ask for fewer rows");
    Dataset data = it->make(rows, options);
    if (options.progress && !options.progress(1.0))
        throw LoadCancelled();
    data.name = source;
    return data;
}

} // namespace vae
