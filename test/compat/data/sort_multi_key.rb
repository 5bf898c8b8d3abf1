people = [["bob", 27, "Lima"], ["ann", 31, "Oslo"], ["cid", 27, "Oslo"], ["dee", 31, "Lima"]]
people.sort_by { |name, age, city| [-age, city, name] }.map(&:first)
