// Placeholder replaced by the search benchmark (issue 7).
console.error("bench:search is being written");
process.exit(1);
