import { type AddToPrincipalPolicyResult, ManagedPolicy, type PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';

/**
 * A role whose permissions live in one customer-managed policy of its own instead of an inline policy. NIST SP 800-53
 * (AC-6, CM-5(1), via cdk-nag's IAMNoInlinePolicy) prefers standalone policies: IAM keeps their previous versions, and
 * they can be reviewed and audited apart from the role. Every statement CDK adds on the role's behalf (`grant*()`,
 * schedule targets, tracing, dead-letter queues) lands in that policy too, so nothing falls back to an inline one.
 */
export class ManagedPolicyRole extends Role {
  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    // Found by id rather than kept in a field: Role's constructor may add statements before subclass fields exist.
    const policy =
      (this.node.tryFindChild('Policy') as ManagedPolicy | undefined) ??
      new ManagedPolicy(this, 'Policy', { roles: [this] });
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  }
}
